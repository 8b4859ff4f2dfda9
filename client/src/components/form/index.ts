/** The one form kit: every form of the client is built from these. */
export { Form, ErrorSummary } from './Form';
export { TextField, TextAreaField, SelectField, FieldError, describedBy } from './fields';
export { Checkbox, CheckboxGroup, RadioGroup, type Choice } from './choices';
