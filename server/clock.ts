import type { AppContext } from './context';

/**
 * The time jobs reason with (freshness, reminders, pauses): the context's clock when a test sets
 * one, else the real time. SQL that compares with it takes it as a parameter instead of now().
 */
export function nowOf(ctx: Pick<AppContext, 'clock'>): Date {
  return ctx.clock?.() ?? new Date();
}
