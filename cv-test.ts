import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreatePartnerDto } from './apps/api/src/partners/dtos/create-partner.dto';
import { VALIDATOR_OPTIONS, toFieldErrors } from './apps/api/src/problems/validation';
for (const q of [{ name: 'Abc', scope: 'national' }, { name: 5, sector: 'zorg', scope: 'national' }, {name:'x', sector:'zorg', scope:'national', gemeenten: 'GM0344', matchingOptOut: 'yes', offers: 'a'}]) {
  const o = plainToInstance(CreatePartnerDto, q);
  console.log(JSON.stringify(q), toFieldErrors(validateSync(o, VALIDATOR_OPTIONS)).map(e=>e.message));
}
