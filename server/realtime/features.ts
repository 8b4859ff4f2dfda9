import { searchSocketFeature } from '../features/search/socket';
import type { SocketFeature } from './socket';

/** Socket handlers of the features (joining search rooms etc.). */
export const socketFeatures: SocketFeature[] = [searchSocketFeature];
