import { Module } from '@nestjs/common';
import { ImpressionRecorder } from './impression-recorder.service';
import { RecordImpressionsInterceptor } from './record-impressions.interceptor';

/** Which candidates partners were shown, where and at which rank (see ImpressionRecorder). */
@Module({
  providers: [ImpressionRecorder, RecordImpressionsInterceptor],
  exports: [ImpressionRecorder, RecordImpressionsInterceptor],
})
export class ImpressionsModule {}
