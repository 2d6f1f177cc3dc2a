import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { appConfig, type AppConfig } from '@app/config';
import { requestLoggingOptions } from './request-logging';

/** Structured JSON logs (nestjs-pino); main.ts hands Nest's logger over with `app.useLogger`. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({ pinoHttp: requestLoggingOptions(config.logLevel) }),
    }),
  ],
})
export class LoggingModule {}
