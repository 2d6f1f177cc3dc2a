export function MapPage() {
  return <h1 className="utrecht-heading-1">MapPage</h1>;
}
