import { oncePerJob } from '../../jobs/effects';
import type { JobDef } from '../../jobs/registry';
import { AppError } from '../../http/errors';
import { anonymiseMailJobs } from './queries';
import { computeResults, SEND_LIST_JOB, type SendListJob } from './service';
import { renderMail } from './texts';

/**
 * Sends a navigator list by e-mail, then removes the address (and the answers) from the job, so
 * nothing about the person remains once the mail is out.
 */
export const sendListJob: JobDef<SendListJob> = {
  name: SEND_LIST_JOB,
  retryLimit: 3,
  handler: async (ctx, data, job) => {
    if (!data.to) return; // sent and anonymised already
    let results;
    try {
      results = await computeResults(ctx, data.ags, data.answers, data.locale, data.postcode);
    } catch (e) {
      // the dialogue changed since the answers were given: nothing sensible to send
      if (!(e instanceof AppError)) throw e;
      ctx.log.warn({ ref: data.ref, code: e.code }, 'navigator list not sent: answers no longer fit the dialogue');
      await anonymiseMailJobs(ctx.sql, SEND_LIST_JOB, data.ref);
      return;
    }
    // the anonymising below may be lost with a failed primary: the retry must not mail again
    await oncePerJob(ctx.sql, job?.id, 'mail', () => ctx.mailer.send({ to: data.to!, ...renderMail(results, results.title, data.locale, ctx.config.PUBLIC_URL) }));
    await anonymiseMailJobs(ctx.sql, SEND_LIST_JOB, data.ref);
  },
};

/** Safety net: no address outlives a day, also when sending failed for good. */
export const purgeListMailsJob: JobDef = {
  name: 'navigator.purge-addresses',
  schedule: '*/15 * * * *',
  handler: async (ctx) => {
    const n = await anonymiseMailJobs(ctx.sql, SEND_LIST_JOB);
    if (n) ctx.log.info({ jobs: n }, 'navigator mail addresses removed');
  },
};

export const navigatorJobs = [sendListJob, purgeListMailsJob];
