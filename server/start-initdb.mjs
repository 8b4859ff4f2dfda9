// `npm start` loads this first (node --import, before tsx): a first start's initdb begins at once,
// while node loads tsx and the server's code (server/initdb.mjs).
import { beginEarlyInitdb } from './initdb.mjs';

beginEarlyInitdb();
