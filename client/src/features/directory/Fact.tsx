/** One contact fact of an offer or office: its label and a link (phone, e-mail, website). */
export function Fact({ label, href, text }: { label: string; href: string; text: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <a href={href}>{text}</a>
      </dd>
    </>
  );
}
