import { forwardRef, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
export { Textbox } from '@utrecht/textbox-react';
export { Checkbox } from '@utrecht/checkbox-react';
export { Fieldset, FieldsetLegend } from '@utrecht/fieldset-react';

type WithInvalid<T> = T & { invalid?: boolean };

/** No Utrecht React select in this registry: the CSS bundle's classes on a native select. */
export const Select = forwardRef<HTMLSelectElement, WithInvalid<SelectHTMLAttributes<HTMLSelectElement>>>(function Select({ invalid, className, ...rest }, ref) {
  return <select ref={ref} className={['utrecht-select', 'utrecht-select--html-select', invalid ? 'utrecht-select--invalid' : '', className ?? ''].join(' ').trim()} {...rest} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, WithInvalid<TextareaHTMLAttributes<HTMLTextAreaElement>>>(function Textarea({ invalid, className, ...rest }, ref) {
  return <textarea ref={ref} className={['utrecht-textarea', 'utrecht-textarea--html-textarea', invalid ? 'utrecht-textarea--invalid' : '', className ?? ''].join(' ').trim()} {...rest} />;
});
