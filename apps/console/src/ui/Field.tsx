import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { FormField } from '@utrecht/form-field-react';
import { FormLabel } from '@utrecht/form-label-react';
import { FormFieldDescription } from '@utrecht/form-field-description-react';
import { FormFieldErrorMessage } from '@utrecht/form-field-error-message-react';

interface FieldProps {
  label: ReactNode;
  description?: ReactNode;
  /** The API's message for this field (problem details errors[].field). */
  error?: string | undefined;
  /** One form control; it receives id, aria-describedby and aria-invalid. */
  children: ReactElement<Record<string, unknown>>;
  type?: 'checkbox' | 'radio';
  className?: string;
}

/** Label htmlFor + id, hint and error in aria-describedby, invalid on the control (STYLE.md, forms). */
export function Field({ label, description, error, children, type, className }: FieldProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-describedby': describedBy, invalid: error ? true : undefined, 'aria-invalid': error ? true : undefined })
    : children;
  const labelNode = (
    <FormLabel htmlFor={id} type={type}>
      {label}
    </FormLabel>
  );
  return (
    <FormField type={type} invalid={Boolean(error)} className={className}>
      {type === 'checkbox' ? (
        <div className="pm-check">
          {control}
          {labelNode}
        </div>
      ) : (
        <>
          <div className="utrecht-form-field__label">{labelNode}</div>
          {description && (
            <FormFieldDescription id={descriptionId} className="utrecht-form-field__description">
              {description}
            </FormFieldDescription>
          )}
          {error && (
            <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
              {error}
            </FormFieldErrorMessage>
          )}
          <div className="utrecht-form-field__input">{control}</div>
        </>
      )}
      {type === 'checkbox' && error && <FormFieldErrorMessage id={errorId}>{error}</FormFieldErrorMessage>}
    </FormField>
  );
}
