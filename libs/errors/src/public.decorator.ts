import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'partnermatch:public';

/**
 * No API key needed: probes, the API description and the widget's static files. Beside the
 * domain errors because it decides the one that every other route can answer (401), and in
 * a library because the health probes, served by api and worker alike, live in one.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
