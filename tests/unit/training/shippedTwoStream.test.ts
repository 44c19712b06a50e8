/**
 * The shipped temporal streams of two-stream networks (flow input), apart from
 * shipped.test.ts so that their flow fields are computed in parallel with it.
 */
import { beforeAll, describe } from 'vitest';
import { useCpu } from '../models/helpers';
import { classifierIds, itReachesRecordedAccuracy } from './shippedCheck';

beforeAll(useCpu);

describe('shipped temporal streams', () => {
  itReachesRecordedAccuracy(classifierIds(true));
});
