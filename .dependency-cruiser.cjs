/**
 * The project's import boundaries (README "Development"; run: `npm run check:boundaries`, which also
 * runs .dependency-cruiser-features.cjs for cycles between server features).
 * Every rule is an error: CI stops on a broken boundary.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-stands-alone',
      comment:
        "The project's shared/ (schemas, event maps, error codes) is used by server and client alike, " +
        'so it imports nothing from either.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'feature-queries-are-private',
      comment:
        "A server feature's queries (queries.ts, or a queries/ folder) are its own: another feature " +
        'calls its service, which owns the permissions, transaction and announcements around the SQL.',
      severity: 'error',
      from: { path: '^server/features/([^/]+)/' },
      to: { path: '^server/features/[^/]+/queries(\\.ts$|/)', pathNot: '^server/features/$1/' },
    },
    {
      name: 'client-app-on-top',
      comment:
        'client/src/app/ (router, providers) composes the features; features and components use ' +
        'client/src/lib/ (api, socket, auth and realtime contexts), never app/.',
      severity: 'error',
      from: { path: '^client/src/(features|components)/' },
      to: { path: '^client/src/app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|client/dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
