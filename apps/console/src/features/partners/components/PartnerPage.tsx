export function PartnerPage() {
  return <h1 className="utrecht-heading-1">PartnerPage</h1>;
}
