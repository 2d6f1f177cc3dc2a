// The NL Design System button; appearance names are Utrecht's.
export { Button, PrimaryActionButton, SecondaryActionButton, SubtleButton } from '@utrecht/button-react';
export type { ButtonProps } from '@utrecht/button-react';
export { ButtonGroup } from '@utrecht/button-group-react';
