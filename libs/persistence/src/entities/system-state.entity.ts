import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small facts about the installation itself, such as when the demo data was seeded. */
@Entity({ name: 'system_state' })
export class SystemStateEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
