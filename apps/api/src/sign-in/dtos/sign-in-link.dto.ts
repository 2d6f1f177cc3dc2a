import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';

export class RequestSignInLinkDto {
  /** The address of a person the admins registered; the link goes there. */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;
}

/** The same answer whether or not the address belongs to anyone (no account enumeration). */
export class SignInLinkRequestedDto {
  @ApiProperty({ example: 'If this address belongs to someone who may sign in, a sign-in link is on its way. It works once, for 15 minutes.' })
  message: string;
}
