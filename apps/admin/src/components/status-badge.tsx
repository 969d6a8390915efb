import { STATUS_VI, type Status } from '@antt/criteria';

/** An outcome in the domain's own words (Đạt, Chưa đạt…), coloured by status. */
export function StatusBadge({ status }: { status: string }) {
  const label = status in STATUS_VI ? STATUS_VI[status as Status] : status;
  return <span className={`badge badge-${status}`}>{label}</span>;
}
