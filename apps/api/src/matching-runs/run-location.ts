import type { ApiResponseOptions } from '@nestjs/swagger';

/** The `Location` response header of the routes that queue a run (not a request header). */
export const LOCATION_OF_RUN: ApiResponseOptions['headers'] = {
  Location: { description: 'URL of the queued run, e.g. `/v1/matching/runs/{id}`', schema: { type: 'string' } },
};
