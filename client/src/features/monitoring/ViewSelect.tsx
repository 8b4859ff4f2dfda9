import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/form';
import { useAnnounce } from '../../lib/announce';
import { useView } from './useFilters';

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
  return [value, select] as const;
}
