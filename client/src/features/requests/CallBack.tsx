import { useTranslation } from 'react-i18next';
import type { PlacementRequest } from '../../../../shared/schemas/requests';

const tel = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** For the provider: whom to call back about a request, the office and the person who sent it. */
export function CallBack({ r }: { r: PlacementRequest }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('requests.callBack')}</dt>
      <dd className="call-back">
        {r.officePhone ? (
          <a href={tel(r.officePhone)} aria-label={t('requests.callOffice', { office: r.officeName, phone: r.officePhone })}>
            {t('requests.officePhone', { phone: r.officePhone })}
          </a>
        ) : (
          <span>{t('requests.noOfficePhone')}</span>
        )}
        {r.senderPhone && (
          <>
            <br />
            <a href={tel(r.senderPhone)} aria-label={t('requests.callSender', { name: r.createdByName ?? '', phone: r.senderPhone })}>
              {t('requests.senderPhone', { name: r.createdByName ?? '', phone: r.senderPhone })}
            </a>
          </>
        )}
      </dd>
    </>
  );
}
