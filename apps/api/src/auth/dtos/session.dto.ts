import { ApiProperty } from '@nestjs/swagger';

/** The signed-in console user, as far as the console needs to know. */
export class SessionDto {
  /** `partner`: a partner contact signed in by an e-mail link; it sees and changes only its own partner. */
  @ApiProperty({ enum: ['admin', 'team', 'partner'] })
  role: 'admin' | 'team' | 'partner';

  /** The slug of a partner contact's partner; null for admin and team. */
  @ApiProperty({ type: String, nullable: true, example: 'voedselbank-utrecht' })
  partner: string | null;

  /** The name of the key that signed in: what the audit trail records for this user's decisions. */
  @ApiProperty({ example: 'Sardes' })
  name: string;

  /** When the session ends if no request comes before: the idle time from the last request, at most its absolute end. */
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
