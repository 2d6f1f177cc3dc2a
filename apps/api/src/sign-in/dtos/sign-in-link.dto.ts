import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

export class RequestSignInLinkDto {
  /**
   * The address of a person the admins registered; the link goes there. Any text is accepted
   * (a malformed address gets the same 202 as an unknown one), so the answer tells nothing.
   */
  @ApiProperty({ example: 'info@voedselbank-utrecht.example.org', maxLength: 320 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'email must be a string' })
  @MaxLength(320)
  email: string;
}

/** The same answer whether or not the address belongs to anyone (no account enumeration). */
export class SignInLinkRequestedDto {
  @ApiProperty({ example: 'If this address belongs to someone who may sign in, a sign-in link is on its way. It works once, for 15 minutes.' })
  message: string;
}
