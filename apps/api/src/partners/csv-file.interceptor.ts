import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { DomainException } from '@app/errors';

export const MAX_CSV_FILE_BYTES = 5 * 1024 * 1024;

const MulterFileInterceptor = FileInterceptor('file', { limits: { fileSize: MAX_CSV_FILE_BYTES, files: 1 } });

/**
 * Reads the upload's `file` part. Multer's complaints about the upload itself (a part with
 * another name, two files, a broken multipart body) come as a plain 400; here they become
 * validation errors on `file`, like every other problem with the upload.
 */
@Injectable()
export class CsvFileInterceptor implements NestInterceptor {
  private readonly multer = new MulterFileInterceptor();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof BadRequestException) throw DomainException.validation([{ field: 'file', message: error.message }]);
      throw error;
    }
  }
}
