import type { HTMLAttributes, ReactNode } from 'react';

export function Heading1({ children, ...rest }: HTMLAttributes<HTMLHeadingElement>) {
  return (
    <h1 className="utrecht-heading-1" {...rest}>
      {children}
    </h1>
  );
}
export function Heading2({ children, ...rest }: HTMLAttributes<HTMLHeadingElement>) {
  return (
    <h2 className="utrecht-heading-2" {...rest}>
      {children}
    </h2>
  );
}
export function Heading3({ children, ...rest }: HTMLAttributes<HTMLHeadingElement>) {
  return (
    <h3 className="utrecht-heading-3" {...rest}>
      {children}
    </h3>
  );
}
export function Paragraph({ children, lead, className, ...rest }: HTMLAttributes<HTMLParagraphElement> & { lead?: boolean; children?: ReactNode }) {
  return (
    <p className={['utrecht-paragraph', lead ? 'utrecht-paragraph--lead' : '', className ?? ''].join(' ').trim()} {...rest}>
      {children}
    </p>
  );
}
