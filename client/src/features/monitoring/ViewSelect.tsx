import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { useView } from './useFilters';

/** True while the half-year report is prepared for printing: every breakdown is shown, not only the chosen one. */
export const ReportMode = createContext(false);

/**
 * A select that chooses which breakdown a section shows (kept in the URL parameter `param`). The
 * figure below changes while the focus stays in the box, so the new figure's title is announced.
 */
export function useViewSelect<T extends string>(param: string, options: readonly T[]) {
  const [value, setValue] = useView(param, options);
  const announce = useAnnounce();
  const { t } = useTranslation();
  const select = (p: { id: string; label: string; names: Record<T, string>; titleOf: (v: T) => string }) => (
    <SelectField
      id={p.id}
      label={p.label}
      className="view-select no-print"
      value={value}
      onChange={(v) => {
        const next = options.find((o) => o === v) ?? options[0];
        setValue(next);
        announce(t('monitoring.viewShown', { title: p.titleOf(next) }));
      }}
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {p.names[o]}
        </option>
      ))}
    </SelectField>
  );
  // the printed report has every breakdown (a select means nothing on paper)
  const shown: readonly T[] = useContext(ReportMode) ? options : [value];
  return [value, select, shown] as const;
}
