import { DynamicModule, Module } from '@nestjs/common';
import { appConfig, type AppConfig } from './app-config';

/**
 * The configuration, for injection with `@Inject(appConfig.KEY)`. Built and validated once, by
 * the process's entry point, which also hands it to the modules whose wiring depends on it.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppConfigModule, global: true, providers: [{ provide: appConfig.KEY, useValue: config }], exports: [appConfig.KEY] };
  }
}
