import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './app-config';
import { validateEnvironment } from './environment';

/** Global, validated configuration; no .env files are read. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [appConfig],
      validate: (raw) => {
        validateEnvironment(raw);
        return raw;
      },
    }),
  ],
})
export class AppConfigModule {}
