import { IsString, Matches, MaxLength } from 'class-validator';

export class SignInDto {
  /** A team or admin API key (`pm_…`); exchanged for a session cookie, never stored in the browser. */
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'key must not be blank' })
  key: string;
}
