import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../shared/result';

/** Field-level validation issues, translated through the validation namespace. */
export function useFieldErrors() {
  const { t } = useTranslation('validation');
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const errorOf = useCallback(
    (path: string): string | undefined => {
      const found = issues.find((issue) => issue.path === path);
      return found ? t(found.code, { ...found.params, defaultValue: t('field.invalid') }) : undefined;
    },
    [issues, t],
  );
  return { issues, setIssues, errorOf };
}
