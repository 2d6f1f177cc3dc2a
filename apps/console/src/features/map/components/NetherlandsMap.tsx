import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Delaunay } from 'd3-delaunay';
import { geoMercator, geoPath } from 'd3-geo';
import outline from 'virtual:nl-outline';
import { useI18n } from '../../../i18n/i18n';

export interface MapCell {
  code: string;
  name: string;
  lat: number;
  lon: number;
  covered: number;
  partners: number;
}

const WIDTH = 560;
const HEIGHT = 660;

/**
 * 342 gemeenten as Voronoi cells around their centroids, clipped to the Netherlands' outline
 * (no gemeente boundaries ship in any package here). One tab stop: arrow keys move between
 * gemeenten in name order, Enter or Space chooses; hover and focus show the counts.
 */
export function NetherlandsMap({ cells, selected, onChoose }: { cells: MapCell[]; selected: string | null; onChoose: (code: string) => void }) {
  const { t } = useI18n();
  const [hover, setHover] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const refs = useRef(new Map<string, SVGPathElement>());

  const { outlinePath, shapes } = useMemo(() => {
    const projection = geoMercator().fitSize([WIDTH, HEIGHT], outline);
    const path = geoPath(projection);
    const points = cells.map((cell): [number, number] => projection([cell.lon, cell.lat]) ?? [0, 0]);
    const voronoi = Delaunay.from(points).voronoi([0, 0, WIDTH, HEIGHT]);
    return {
      outlinePath: path(outline) ?? '',
      shapes: cells.map((cell, index) => ({ cell, d: voronoi.renderCell(index), point: points[index] ?? ([0, 0] as [number, number]) })),
    };
  }, [cells]);

  const ordered = useMemo(() => [...cells].sort((a, b) => a.name.localeCompare(b.name, 'nl')).map((cell) => cell.code), [cells]);
  const focusCode = active ?? selected ?? ordered[0] ?? null;
  const shown = hover ?? active;
  const shownShape = shapes.find((shape) => shape.cell.code === shown);

  const move = (event: KeyboardEvent<SVGPathElement>, code: string) => {
    const index = ordered.indexOf(code);
    let next: string | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = ordered[(index + 1) % ordered.length];
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = ordered[(index - 1 + ordered.length) % ordered.length];
    else if (event.key === 'Home') next = ordered[0];
    else if (event.key === 'End') next = ordered[ordered.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(code);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      setActive(next);
      refs.current.get(next)?.focus();
    }
  };

  const label = (cell: MapCell) => t('map.cellLabel', { name: cell.name, covered: cell.covered, partners: cell.partners });

  return (
    <div className="pm-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="pm-map__svg" role="group" aria-label={t('map.label')} aria-describedby="map-help">
        <defs>
          <clipPath id="pm-nl-clip">
            <path d={outlinePath} />
          </clipPath>
        </defs>
        <path d={outlinePath} className="pm-map__land" />
        <g clipPath="url(#pm-nl-clip)">
          {shapes.map(({ cell, d }) => (
            <path
              key={cell.code}
              ref={(element) => {
                if (element) refs.current.set(cell.code, element);
                else refs.current.delete(cell.code);
              }}
              d={d}
              data-gemeente={cell.code}
              className={`pm-map__cell pm-map-${cell.covered}${cell.code === selected ? ' pm-map__cell--selected' : ''}`}
              role="button"
              tabIndex={cell.code === focusCode ? 0 : -1}
              aria-label={label(cell)}
              aria-pressed={cell.code === selected}
              onMouseEnter={() => setHover(cell.code)}
              onMouseLeave={() => setHover(null)}
              onFocus={() => setActive(cell.code)}
              onBlur={() => setActive((current) => (current === cell.code ? null : current))}
              onClick={() => onChoose(cell.code)}
              onKeyDown={(event) => move(event, cell.code)}
            />
          ))}
        </g>
        <path d={outlinePath} className="pm-map__outline" />
        {shownShape && (
          <g className="pm-map__tip" transform={`translate(${Math.min(WIDTH - 190, Math.max(5, shownShape.point[0] + 10))},${Math.max(5, shownShape.point[1] - 60)})`} aria-hidden="true">
            <rect width="185" height="54" rx="4" />
            <text x="8" y="20" className="pm-map__tip-title">
              {shownShape.cell.name}
            </text>
            <text x="8" y="40">
              {t('map.tip', { covered: shownShape.cell.covered, partners: shownShape.cell.partners })}
            </text>
          </g>
        )}
      </svg>
      <p id="map-help" className="utrecht-paragraph pm-hint">
        {t('map.help')}
      </p>
    </div>
  );
}
