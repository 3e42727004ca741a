import { PageHeader } from '../../components/PageHeader';

export default function Decision() {
  return <PageHeader title="Decision" description="Coming next." />;
}
