import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * The Netherlands' European outline from world-atlas (Natural Earth 1:10m), cut out at build
 * time: the map needs ~20 kB of it, not the 3.6 MB world file, and no tile server.
 */
function netherlandsOutline(): Plugin {
  const id = 'virtual:nl-outline';
  return {
    name: 'pm-nl-outline',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(loadId) {
      if (loadId !== `\0${id}`) return null;
      const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
      const netherlands = topology.objects.countries.geometries.find((geometry) => (geometry.properties as { name?: string } | undefined)?.name === 'Netherlands');
      if (!netherlands) throw new Error('world-atlas has no Netherlands');
      const geo = feature(topology, netherlands) as unknown as { geometry: { coordinates: number[][][][] } };
      const round = (value: number) => Math.round(value * 1e4) / 1e4;
      // Only the European part (the Caribbean islands lie far south of 50° N).
      const polygons = geo.geometry.coordinates
        .filter((polygon) => (polygon[0]?.[0]?.[1] ?? 0) > 50)
        .map((polygon) => polygon.map((ring) => ring.map(([lon = 0, lat = 0]) => [round(lon), round(lat)])));
      const outline = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } };
      return `export default ${JSON.stringify(outline)};`;
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

// No @vitejs/plugin-react (its babel peer conflicts with jest's): Vite 8 compiles TSX with oxc.
export default defineConfig({
  root,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [netherlandsOutline()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // React Query's "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // Same origin in development too, so the session cookie and the CSRF origin check work.
    proxy: { '/v1': { target: process.env.CONSOLE_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
