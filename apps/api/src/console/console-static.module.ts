import { Module } from '@nestjs/common';
import { ConsoleStaticController } from './console-static.controller';

/** Serves the built team console (apps/console, vite's outDir dist/console) at /console/; `/` leads there. */
@Module({ controllers: [ConsoleStaticController] })
export class ConsoleStaticModule {}
