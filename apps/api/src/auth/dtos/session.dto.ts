import { ApiProperty } from '@nestjs/swagger';

/** The signed-in console user, as far as the console needs to know. */
export class SessionDto {
  @ApiProperty({ enum: ['admin', 'team'] })
  role: 'admin' | 'team';

  /** The name of the key that signed in: what the audit trail records for this user's decisions. */
  @ApiProperty({ example: 'Sardes' })
  name: string;

  /** When the session ends if no request comes before: the idle time from the last request, at most its absolute end. */
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
