import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SystemStateEntity } from '../entities/system-state.entity';

@Injectable()
export class SystemStateRepository {
  constructor(@InjectRepository(SystemStateEntity) private readonly state: Repository<SystemStateEntity>) {}

  async get<T>(key: string): Promise<T | null> {
    const row = await this.state.findOneBy({ key });
    return row ? (row.value as T) : null;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.state.upsert({ key, value: value as object }, ['key']);
  }
}
