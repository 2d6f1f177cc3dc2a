import { Module } from '@nestjs/common';
import { SignInLinksController } from './sign-in-links.controller';
import { SignInLinksService } from './sign-in-links.service';

@Module({ controllers: [SignInLinksController], providers: [SignInLinksService], exports: [SignInLinksService] })
export class SignInModule {}
