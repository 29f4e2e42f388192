// Tells a person who may only look (a collectivity agent) that the page is read-only for them, before they
// search for buttons that are not there.
export function ReadOnlyRole(props: { what: string }) {
  return (
    <div class="notice notice-info readonly-role" role="note">
      <p class="notice-title">Consultation seule</p>
      <p>{`Votre rôle d’agent est en lecture seule : vous pouvez consulter ${props.what}, mais seul un comptable de la collectivité peut les traiter.`}</p>
    </div>
  );
}
