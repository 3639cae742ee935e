import { hashFor, useUiStore } from '../../app/ui-store';
import { Icon } from '../../components/Icon';

const WHY =
  'This customer’s orders name a test or job that is mapped to none of your packages. Map it to clear the flag.';

/**
 * "Unmapped": an order of a static-package customer that resolves to no package. It links to the
 * customer's mappings, where saving a mapping clears the flag. In a queue row the link is left out
 * of the Tab order (the row opens with Enter and the order page has the same link).
 */
export function UnmappedFlag({ accountId, inRow = false }: { accountId: string; inRow?: boolean }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <a
      href={hashFor('mappings', [accountId])}
      className="flag flag-unmapped"
      title={WHY}
      tabIndex={inRow ? -1 : undefined}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        navigate('mappings', [accountId]);
      }}
    >
      <Icon name="warning" size={12} />
      Unmapped
      {inRow ? null : <span className="flag-action">· Map its package</span>}
    </a>
  );
}
