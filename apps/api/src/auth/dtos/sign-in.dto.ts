import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Exactly one of `key` and `token`. */
export class SignInDto {
  /** A team or admin API key (`pm_…`); exchanged for a session cookie, never stored in the browser. */
  @ValidateIf((body: SignInDto) => body.token === undefined || body.key !== undefined)
  @IsString({ message: 'key must be a string (or send token, the e-mail link\'s, instead)' })
  @MaxLength(200)
  @Matches(/\S/, { message: 'key must not be blank' })
  key?: string;

  /** The token of an e-mail sign-in link (`/console/sign-in/link?token=…`); works once, for 15 minutes. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'token must be the token of a sign-in link' })
  token?: string;
}
