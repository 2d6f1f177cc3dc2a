export function PartnersPage() {
  return <h1 className="utrecht-heading-1">PartnersPage</h1>;
}
