const base = require('./.dependency-cruiser.cjs');

/**
 * No cycles between server feature folders, checked on the graph of server/features/ alone: a cycle
 * through the composition roots (server/http, server/jobs/all.ts, server/realtime) that register every
 * feature is not one between features, and dependency-cruiser cannot yet restrict a folder-scope cycle
 * to the folders it passes through (viaOnly), hence this second run with includeOnly.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-between-server-features',
      comment:
        "Feature folders depend on each other in one direction only (one may call the other's service, " +
        'not both ways): a cycle means a rule has two owners.',
      severity: 'error',
      scope: 'folder',
      // a cycle between a feature's own subfolders is that feature's business
      from: { path: '^server/features/([^/]+)' },
      to: { path: '^server/features/[^/]+', pathNot: '^server/features/$1(/|$)', circular: true },
    },
  ],
  options: { ...base.options, includeOnly: '^server/features/' },
};
