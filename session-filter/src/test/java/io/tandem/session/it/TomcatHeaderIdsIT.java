package io.tandem.session.it;

class TomcatHeaderIdsIT extends HeaderIdSuite {
  @Override
  ServerNode.Factory containers() {
    return TomcatNode::start;
  }
}
