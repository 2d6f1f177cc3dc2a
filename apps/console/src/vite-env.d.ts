/// <reference types="vite/client" />

declare module 'virtual:nl-outline' {
  const outline: GeoJSON.Feature<GeoJSON.MultiPolygon>;
  export default outline;
}
