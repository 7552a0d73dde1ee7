import { Badge, type SvgIconProps } from '@mui/material';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import { useOpenConflictCount } from './useConflicts';

/** The navigation icon with the number of open conflicts on it (in the layout: apart from the page, which loads when opened). */
export function ConflictsNavIcon(props: SvgIconProps) {
  const count = useOpenConflictCount();
  return (
    <Badge badgeContent={count} color="warning" max={99} data-testid="conflicts-nav-badge" data-count={count}>
      <CallSplitIcon {...props} />
    </Badge>
  );
}
