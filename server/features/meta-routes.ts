import { z } from 'zod';
import { defineRoute } from '../http/route';

export const ClientConfigSchema = z
  .object({ mapTileUrl: z.string(), mapTileAttribution: z.string(), sessionIdleMinutes: z.number() })
  .meta({ id: 'ClientConfig' });

export const metaRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/client-config',
    summary: 'What the web client needs before login (map tiles, session idle limit)',
    tags: ['meta'],
    access: 'public',
    response: ClientConfigSchema,
    handler: async ({ ctx }) => ({
      mapTileUrl: ctx.config.MAP_TILE_URL,
      mapTileAttribution: ctx.config.MAP_TILE_ATTRIBUTION,
      sessionIdleMinutes: ctx.config.SESSION_IDLE_MINUTES,
    }),
  }),
];
