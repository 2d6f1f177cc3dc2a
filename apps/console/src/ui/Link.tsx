import { forwardRef } from 'react';
import { Link as RouterLink, NavLink as RouterNavLink, type LinkProps, type NavLinkProps } from 'react-router';

/** A router link styled as the Utrecht link. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ className, ...rest }, ref) {
  return <RouterLink ref={ref} className={['utrecht-link', 'utrecht-link--html-a', className ?? ''].join(' ').trim()} {...rest} />;
});

export function NavLink(props: Omit<NavLinkProps, 'className'>) {
  return <RouterNavLink className={({ isActive }) => `utrecht-nav-list__link${isActive ? ' utrecht-nav-list__link--current' : ''}`} {...props} />;
}
