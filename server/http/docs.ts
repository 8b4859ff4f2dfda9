import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

const INDEX = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Heimplatzbörse API</title>
<link rel="stylesheet" href="swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="swagger-ui-bundle.js"></script><script src="init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** The interactive API reference at /api/docs, served from swagger-ui-dist (no CDN). */
export function docsRouter(): Router {
  const router = express.Router();
  const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/', (req, res, next) => {
    // relative asset URLs need the trailing slash
    if (!req.originalUrl.endsWith('/')) return res.redirect(301, `${req.originalUrl}/`);
    res.type('html').send(INDEX);
    void next;
  });
  router.get('/init.js', (_req, res) => res.type('js').send(INIT));
  if (existsSync(dir)) router.use(express.static(dir, { index: false }));
  return router;
}
