import { PageHeader } from '../../components/PageHeader';

export default function Decisions() {
  return <PageHeader title="Decisions" description="Coming next." />;
}
