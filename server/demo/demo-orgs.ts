/** The demo's organisations and logins: real districts and towns, invented organisations. */
import { HELP_ORGS } from './demo-help-system';

export const DEMO_PASSWORD = 'Heimplatz-Demo-2026';

export interface DemoOrg {
  key: string;
  kind: 'office' | 'provider' | 'platform';
  name: string;
  districtAgs?: string;
  street: string;
  postcode: string;
  city: string;
  phone: string;
  emergencyPhone?: string;
  email: string;
  website?: string;
  verified?: boolean;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'platform', kind: 'platform', name: 'Heimplatzbörse Plattformbetrieb (LVR-Landesjugendamt, Demo)', street: 'Kennedy-Ufer 2', postcode: '50679', city: 'Köln', phone: '0221 809-0', email: 'betrieb@heimplatzboerse.example' },
  { key: 'ja-koeln', kind: 'office', name: 'Jugendamt der Stadt Köln', districtAgs: '05315', street: 'Ottmar-Pohl-Platz 1', postcode: '51103', city: 'Köln', phone: '0221 221-0', emergencyPhone: '0221 221-94000', email: 'jugendamt@koeln.example' },
  { key: 'ja-mainz-bingen', kind: 'office', name: 'Kreisjugendamt Mainz-Bingen', districtAgs: '07339', street: 'Georg-Rückert-Straße 11', postcode: '55218', city: 'Ingelheim am Rhein', phone: '06132 787-0', emergencyPhone: '06132 787-7777', email: 'jugendamt@mainz-bingen.example' },
  { key: 'ja-luebeck', kind: 'office', name: 'Jugendamt der Hansestadt Lübeck', districtAgs: '01003', street: 'Kronsforder Allee 2-6', postcode: '23560', city: 'Lübeck', phone: '0451 122-0', emergencyPhone: '0451 122-4444', email: 'jugendamt@luebeck.example' },
  { key: 'ja-leipzig', kind: 'office', name: 'Amt für Jugend und Familie Leipzig', districtAgs: '14713', street: 'Naumburger Straße 26', postcode: '04229', city: 'Leipzig', phone: '0341 123-0', emergencyPhone: '0341 123-4600', email: 'jugendamt@leipzig.example' },
  { key: 'tr-rheinland', kind: 'provider', name: 'Jugendhilfeverbund Rheinland gGmbH', street: 'Aachener Straße 1064', postcode: '50858', city: 'Köln', phone: '0221 4883-100', emergencyPhone: '0221 4883-199', email: 'belegung@jhv-rheinland.example', website: 'https://jhv-rheinland.example', verified: true },
  { key: 'tr-rheinhessen', kind: 'provider', name: 'Kinder- und Jugendhilfe Rheinhessen e.V.', street: 'Mainzer Straße 48', postcode: '55411', city: 'Bingen am Rhein', phone: '06721 9840-0', emergencyPhone: '06721 9840-99', email: 'anfrage@kjh-rheinhessen.example', website: 'https://kjh-rheinhessen.example', verified: true },
  { key: 'tr-trave', kind: 'provider', name: 'Trave Jugendwohnen gGmbH', street: 'Moislinger Allee 90', postcode: '23558', city: 'Lübeck', phone: '0451 88901-0', emergencyPhone: '0451 88901-11', email: 'platz@trave-jugendwohnen.example', verified: true },
  { key: 'tr-sachsen', kind: 'provider', name: 'Familienhilfe Westsachsen e.V.', street: 'Karl-Liebknecht-Straße 145', postcode: '04277', city: 'Leipzig', phone: '0341 30855-0', emergencyPhone: '0341 30855-30', email: 'kontakt@fh-westsachsen.example', verified: true },
  { key: 'tr-neu', kind: 'provider', name: 'Wohngruppen Eifel-Ahr UG', street: 'Hauptstraße 12', postcode: '53474', city: 'Bad Neuenahr-Ahrweiler', phone: '02641 3710', email: 'info@wg-eifel-ahr.example', verified: false },
  // the local help system beyond youth welfare (debt, addiction, women's shelters, ...)
  ...HELP_ORGS,
];

export interface DemoUser {
  org: string;
  email: string;
  displayName: string;
  role: 'caseworker' | 'oncall' | 'office_admin' | 'provider_staff' | 'provider_admin' | 'platform_admin';
  /** How `npm start` introduces the login (German, like the interface). */
  label: string;
}

export const DEMO_USERS: DemoUser[] = [
  { org: 'ja-koeln', email: 'fachkraft@koeln.example', displayName: 'Sabine Krüger', role: 'caseworker', label: 'Fachkraft (ASD), Jugendamt Köln' },
  { org: 'ja-koeln', email: 'bereitschaft@koeln.example', displayName: 'Murat Yılmaz', role: 'oncall', label: 'Rufbereitschaft (Inobhutnahme), Jugendamt Köln' },
  { org: 'ja-koeln', email: 'admin@koeln.example', displayName: 'Petra Schäfer', role: 'office_admin', label: 'Administration, Jugendamt Köln' },
  { org: 'ja-mainz-bingen', email: 'fachkraft@mainz-bingen.example', displayName: 'Jonas Weber', role: 'caseworker', label: 'Fachkraft, Kreisjugendamt Mainz-Bingen' },
  { org: 'ja-luebeck', email: 'fachkraft@luebeck.example', displayName: 'Anke Petersen', role: 'caseworker', label: 'Fachkraft, Jugendamt Lübeck' },
  { org: 'ja-leipzig', email: 'fachkraft@leipzig.example', displayName: 'Thomas Richter', role: 'caseworker', label: 'Fachkraft, Jugendamt Leipzig' },
  { org: 'tr-rheinland', email: 'belegung@jhv-rheinland.example', displayName: 'Claudia Becker', role: 'provider_staff', label: 'Belegung, Jugendhilfeverbund Rheinland' },
  { org: 'tr-rheinland', email: 'admin@jhv-rheinland.example', displayName: 'Stefan Hoffmann', role: 'provider_admin', label: 'Administration, Jugendhilfeverbund Rheinland' },
  { org: 'tr-rheinhessen', email: 'belegung@kjh-rheinhessen.example', displayName: 'Miriam Schulz', role: 'provider_staff', label: 'Belegung, KJH Rheinhessen' },
  { org: 'tr-trave', email: 'belegung@trave-jugendwohnen.example', displayName: 'Lars Jensen', role: 'provider_staff', label: 'Belegung, Trave Jugendwohnen' },
  { org: 'tr-sachsen', email: 'belegung@fh-westsachsen.example', displayName: 'Katrin Lehmann', role: 'provider_staff', label: 'Belegung, Familienhilfe Westsachsen' },
  { org: 'tr-neu', email: 'admin@wg-eifel-ahr.example', displayName: 'Nina Braun', role: 'provider_admin', label: 'Administration, noch nicht geprüfter Träger' },
  { org: 'platform', email: 'plattform@heimplatzboerse.example', displayName: 'Dr. Frank Wagner', role: 'platform_admin', label: 'Plattform-Administration (Landesjugendamt)' },
];
