/** What an import stored. */
export class PartnerImportDto {
  /** How many partners were created. */
  created: number;

  /** Their slugs, in file order. */
  slugs: string[];
}
