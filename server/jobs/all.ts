import { eventPruneJob, sessionCleanupJob } from '../features/auth/jobs';
import { emergencyJobs } from '../features/emergency/jobs';
import { requestJobs } from '../features/requests/jobs';
import { freshnessJob } from '../features/freshness/jobs';
import { navigatorJobs } from '../features/navigator/jobs';
import { searchJobs } from '../features/search/jobs';
import type { JobDef } from './registry';

/** Every queue of the product; features add theirs here. */
export const allJobs: JobDef<any>[] = [sessionCleanupJob, eventPruneJob, freshnessJob, ...requestJobs, ...emergencyJobs, ...navigatorJobs, ...searchJobs];
