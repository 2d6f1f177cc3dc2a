import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'partnermatch:public';

/**
 * No API key needed: probes, the API description and the widget's static files. In a
 * library because the health probes, served by api and worker alike, live in one.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
